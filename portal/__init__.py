"""The Flask portal, JSON API and command line of Nianbao."""
