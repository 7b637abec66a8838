/* types.h: what cpp.d gets through -I */
#define LocalTransactionId unsigned int
