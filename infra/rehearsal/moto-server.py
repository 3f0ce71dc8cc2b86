"""moto's server for the deploy rehearsal, with two things moto 5.2 lacks.

1. Auto Scaling's StartInstanceRefresh and DescribeInstanceRefreshes are not
   implemented: the AWS provider starts a refresh on every launch template
   change and, on the emulator's error, retries until its 10-minute timeout.
   Here a refresh is recorded with its preferences and reported Successful (no
   instances run on the emulator), so the rehearsal can check it was asked for.
2. Lambda's GetFunction returns a code Location on an S3 host that holds
   nothing. Here the Location points at this server, which serves the zip
   exactly as Lambda stored it, so the rehearsal can download and run it.
3. S3's GetBucketLifecycleConfiguration answers rules rebuilt from its model,
   which drops NewerNoncurrentVersions and turns `<Prefix></Prefix>` into
   `<Prefix/>`; the AWS provider waits for the rules it wrote to read back
   equal and times out after 3 minutes. Here the rules are answered as written.

Everything else is moto as shipped. Run: python3 moto-server.py <port>
(binds 127.0.0.1 only; the rehearsal sets MOTO_* settings in the environment).
"""
import re
import sys
import uuid
from datetime import datetime, timezone

import xmltodict
from werkzeug.serving import run_simple

from moto.autoscaling.responses import AutoScalingResponse
from moto.awslambda.models import LambdaFunction, lambda_backends
from moto.core.responses import ActionResult
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3.models import FakeBucket
from moto.s3.responses import S3Response

PORT = int(sys.argv[1])
CODE_PATH = re.compile(r"^/_rehearsal/lambda-code/(\d{12})/([a-z0-9-]+)/([^/]+)/([^/]+)$")
REFRESHES: dict = {}


def start_instance_refresh(self):
    group = self._get_param("AutoScalingGroupName")
    refresh_id = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    REFRESHES.setdefault((self.current_account, self.region, group), []).insert(
        0,
        {
            "InstanceRefreshId": refresh_id,
            "AutoScalingGroupName": group,
            "Status": "Successful",
            "StatusReason": "recorded by the rehearsal's emulator; no instances run here",
            "StartTime": now,
            "EndTime": now,
            "PercentageComplete": 100,
            "InstancesToUpdate": 0,
            "Preferences": self._get_param("Preferences") or {},
            "Strategy": self._get_param("Strategy") or "Rolling",
        },
    )
    return ActionResult({"InstanceRefreshId": refresh_id})


def describe_instance_refreshes(self):
    group = self._get_param("AutoScalingGroupName")
    return ActionResult({"InstanceRefreshes": REFRESHES.get((self.current_account, self.region, group), [])})


AutoScalingResponse.start_instance_refresh = start_instance_refresh
AutoScalingResponse.describe_instance_refreshes = describe_instance_refreshes

moto_get_code = LambdaFunction.get_code


def get_code(self):
    response = moto_get_code(self)
    if "Code" in response and response["Code"].get("RepositoryType") == "S3":
        qualifier = self.version or "$LATEST"
        response["Code"]["Location"] = f"http://127.0.0.1:{PORT}/_rehearsal/lambda-code/{self.account_id}/{self.region}/{self.function_name}/{qualifier}"
    return response


LambdaFunction.get_code = get_code


moto_set_lifecycle = FakeBucket.set_lifecycle
moto_get_bucket_lifecycle = S3Response.get_bucket_lifecycle


def set_lifecycle(self, rules):
    self.rules_as_written = rules
    moto_set_lifecycle(self, rules)


def get_bucket_lifecycle(self):
    status, headers, body = moto_get_bucket_lifecycle(self)  # raises NoSuchLifecycleConfiguration when there is none
    written = getattr(self.backend.get_bucket(self.bucket_name), "rules_as_written", None)
    if status == 200 and written:
        body = xmltodict.unparse({"LifecycleConfiguration": {"@xmlns": "http://s3.amazonaws.com/doc/2006-03-01/", "Rule": written}})
    return status, headers, body


FakeBucket.set_lifecycle = set_lifecycle
S3Response.get_bucket_lifecycle = get_bucket_lifecycle


def with_lambda_code(app):
    def serve(environ, start_response):
        match = CODE_PATH.match(environ.get("PATH_INFO", ""))
        if not match:
            return app(environ, start_response)
        account, region, name, qualifier = match.groups()
        try:
            code = lambda_backends[account][region].get_function(name, None if qualifier == "$LATEST" else qualifier).code_bytes
        except Exception as error:  # an unknown function or version
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [str(error).encode()]
        start_response("200 OK", [("Content-Type", "application/zip"), ("Content-Length", str(len(code)))])
        return [code]

    return serve


if __name__ == "__main__":
    # One request at a time: moto's models are not safe against concurrent changes to one resource
    # (two rules authorized at once on one security group were seen to fail as duplicates, or to
    # vanish before their revoke). The rehearsal's time goes to Terraform's waits, not to moto.
    run_simple("127.0.0.1", PORT, with_lambda_code(DomainDispatcherApplication(create_backend_app)), threaded=False)
