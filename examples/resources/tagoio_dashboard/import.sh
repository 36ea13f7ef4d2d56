# A dashboard is imported by its ID. Its arrangement (where widgets sit) is not part of it:
# import the widgets as tagoio_dashboard_widget, each with its own position.
terraform import tagoio_dashboard.plant 6230e392f5772600124c81da
