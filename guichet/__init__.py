"""guichet core: settings, database, catalogue and command line."""
