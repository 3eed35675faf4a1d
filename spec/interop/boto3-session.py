"""A session of boto3 S3 calls against serve (spec/interop/aws-cli.spec.ts).

Usage: boto3-session.py <endpoint> <access key> <folder> <results.json>. Every key is made in
<folder> of the container `bigdata`. What each step observed is written to <results.json> as
{step: value | {"error": <S3 error code>, "status": <HTTP status>}}: the spec judges the values;
this script only drives boto3 and never asserts.
"""
import hashlib
import json
import sys

import boto3
import botocore.config
import botocore.exceptions

ENDPOINT, ACCESS_KEY, FOLDER, RESULTS = sys.argv[1:5]
BUCKET = "bigdata"
s3 = boto3.client(
    "s3",
    endpoint_url=ENDPOINT,
    region_name="us-east-1",
    aws_access_key_id=ACCESS_KEY,
    aws_secret_access_key="not-checked-by-v3io",
    config=botocore.config.Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
)
results = {}


def step(name, call):
    try:
        results[name] = call()
    except botocore.exceptions.ClientError as error:
        results[name] = {"error": error.response["Error"]["Code"], "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}


def md5_of(key):
    return hashlib.md5(s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()).hexdigest()


SOURCE = FOLDER + "/source.bin"
BYTES = bytes(range(256)) * 40
s3.put_object(Bucket=BUCKET, Key=SOURCE, Body=BYTES, ContentType="application/x-boto3")
step("source md5", lambda: md5_of(SOURCE))
step("copy_object", lambda: s3.copy_object(Bucket=BUCKET, Key=FOLDER + "/copy.bin", CopySource={"Bucket": BUCKET, "Key": SOURCE})["CopyObjectResult"]["ETag"])
step("copy md5", lambda: md5_of(FOLDER + "/copy.bin"))
step("put_object_acl", lambda: s3.put_object_acl(Bucket=BUCKET, Key=SOURCE, ACL="public-read"))
step("put_object_tagging", lambda: s3.put_object_tagging(Bucket=BUCKET, Key=SOURCE, Tagging={"TagSet": [{"Key": "a", "Value": "b"}]}))
step("delete_object with VersionId", lambda: s3.delete_object(Bucket=BUCKET, Key=SOURCE, VersionId="v1"))
step("source md5 after the refusals", lambda: md5_of(SOURCE))
step("put_object ChecksumAlgorithm SHA256", lambda: s3.put_object(Bucket=BUCKET, Key=FOLDER + "/sha.bin", Body=BYTES, ChecksumAlgorithm="SHA256")["ETag"])
step("sha md5", lambda: md5_of(FOLDER + "/sha.bin"))
for index in range(5):
    s3.put_object(Bucket=BUCKET, Key="%s/many/%d.txt" % (FOLDER, index), Body=b"%d" % index)
pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=FOLDER + "/many/", PaginationConfig={"PageSize": 2})
step("list_objects_v2 pages of 2", lambda: [[entry["Key"] for entry in page.get("Contents", [])] for page in pages])
step(
    "delete_objects",
    lambda: sorted(d["Key"] for d in s3.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": "%s/many/%d.txt" % (FOLDER, i)} for i in range(3)]})["Deleted"]),
)
step("listed after delete_objects", lambda: [entry["Key"] for entry in s3.list_objects_v2(Bucket=BUCKET, Prefix=FOLDER + "/many/").get("Contents", [])])

with open(RESULTS, "w") as out:
    json.dump(results, out, indent=1, sort_keys=True)
