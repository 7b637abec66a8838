# 1 "in\
c.h"
provider p {

