provider a { probe x(); }
provider b { probe y(); ; probe z(); };;
;
