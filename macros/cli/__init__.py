"""The smm-guide command line."""
