"""Qt item models over the named queries; rows fetched lazily."""
