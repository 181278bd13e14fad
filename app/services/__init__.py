"""Use cases. Each public function that writes runs in one write transaction."""
