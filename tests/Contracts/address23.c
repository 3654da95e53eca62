/* Module "a", protocol 23 on: get_address_executable. */
#include "contract.h"

EXPORT(executable) Val executable(AddressObject a) { return get_address_executable(a); }

EXPORT(own_executable) Val own_executable(void) { return get_address_executable(get_current_contract_address()); }
