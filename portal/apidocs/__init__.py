"""The API documentation page, rendered on the server from the OpenAPI description."""
