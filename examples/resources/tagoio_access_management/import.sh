# An Access Management policy is imported by its ID (24 hexadecimal characters).
terraform import tagoio_access_management.customers 654a8bf3fefe2f00099a16a2
