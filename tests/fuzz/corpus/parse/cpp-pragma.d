#pragma D option quiet
#pragma D attributes Evolving/Evolving/Common provider p provider
provider p { probe a(int); };
