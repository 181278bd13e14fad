"""Files for people (PDF, xlsx): no Qt; the same code serves the window and the command line."""
