"""Test support for the failure tests: a fault-injecting S3 proxy and engine harnesses."""
