"""Pure storeroom rules: no database, no Qt."""
