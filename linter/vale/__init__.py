"""Vale compatibility: `.vale.ini` configurations and Vale YAML styles, linted the way Vale lints them."""
