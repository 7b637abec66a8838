#define Oid unsigned long
provider pg { probe open(Oid rel); };
