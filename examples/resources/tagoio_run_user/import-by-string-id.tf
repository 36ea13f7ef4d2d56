import {
  to = tagoio_run_user.operator
  id = "62b086df27ce4d0012be6bac"
}
