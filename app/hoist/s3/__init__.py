"""Talking to S3: presigning and control calls (boto3), part PUTs (httpx). No Qt."""
