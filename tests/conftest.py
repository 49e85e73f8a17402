"""Shared test setup. Factories live next to the tests that use them."""
