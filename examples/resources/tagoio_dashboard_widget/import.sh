# A widget is imported as <dashboard_id>/<widget_id>: a widget is only reachable through its
# dashboard. Its position is read from the dashboard's arrangement.
terraform import tagoio_dashboard_widget.temperature 6230e392f5772600124c81da/623c79da5a13360011819b1d
