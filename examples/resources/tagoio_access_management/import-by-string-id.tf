import {
  to = tagoio_access_management.customers
  id = "654a8bf3fefe2f00099a16a2"
}
