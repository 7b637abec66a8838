#pragma D option quiet
#pragma D attributes Evolving/Evolving/Common provider p provider
#pragma D attributes Private/Private/Common provider p module
#define NOT_A_PROVIDER 1
provider p {
#pragma D attributes Evolving/Evolving/Common provider p function
	probe a(int);
};
#pragma D attributes Evolving/Evolving/Common provider p args
