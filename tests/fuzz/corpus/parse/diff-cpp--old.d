#define Oid unsigned int
provider pg { probe open(Oid rel); };
