"""moto's server for the deploy rehearsal, with what moto 5.2 lacks for our stacks.

1. Auto Scaling's StartInstanceRefresh and DescribeInstanceRefreshes are not
   implemented. Here a refresh is recorded with its preferences and decided at
   once (no instances run on the emulator): if AutoRollback is on and one of
   its alarms is in ALARM, it is RollbackSuccessful and the group keeps its
   launch template version; otherwise it is Successful and the group is saved
   with the desired configuration's version, as AWS does.
2. Lambda's GetFunction returns a code Location on an S3 host that holds
   nothing. Here the Location points at this server, which serves the zip
   exactly as Lambda stored it, so the rehearsal can download and run it.
3. S3's GetBucketLifecycleConfiguration answers rules rebuilt from its model,
   which drops NewerNoncurrentVersions and turns `<Prefix></Prefix>` into
   `<Prefix/>`; the AWS provider waits for the rules it wrote to read back
   equal and times out after 3 minutes. Here the rules are answered as written.
4. CodeDeploy records a deployment and leaves it "Created" forever: it never
   moves a Lambda alias (AWS shifts traffic by the group's configuration and
   watches its alarms). Here a Lambda deployment is decided at once: if
   auto-rollback on alarms is on and one of the group's alarms is in ALARM,
   it is Stopped and rolled back (the alias stays); otherwise the alias moves
   to the AppSpec's TargetVersion and it Succeeded. No canary weights or bake
   time are emulated. moto also lacks DeleteApplication, DeleteDeploymentGroup
   and UpdateDeploymentGroup (Terraform's destroy and update) and answers a
   group's alarm configuration, and structures it does not have, as empty
   objects (a re-plan would always differ): here
   they are implemented over moto's own model. moto answers CodeDeploy's
   times as ISO text where AWS (and so the SDKs) use epoch seconds: here
   they are epoch seconds.

5. A call the AWS SDK sends again is applied again. Under load, Terraform's Go client
   now and then closes its connection after the response's headers, before its body
   (seen in a packet capture; 0 to 4 times in a rehearsal's ~3,700 provider requests,
   never in 26,400 on an idle machine), and retries the call;
   moto applies a create twice, and the second answers "already exists"
   (CreateAlias, 409) or makes a duplicate (a second HTTPS listener on port 443), and a
   retried revoke answers InvalidPermission.NotFound (a destroy used to meet it). Here
   a retry (same amz-sdk-invocation-id, which the SDKs keep across attempts) of a
   call that succeeded gets the first attempt's answer; the rehearsal reports how
   many (GET /_rehearsal/retries). Only GET, HEAD and OPTIONS are left out: they
   change nothing. The query APIs' reads (Describe*, sent as POST) are answered
   once too, which is harmless: the first answer is as true as a second would be.

6. Not a gap but a record: every call is counted by who signed it (the access key
   id; the rehearsal gives each deploy its own), the service it was signed for
   and the operation it names, so the rehearsal can hold a deploy's calls to the
   list its deploy roles are simulated against (GET /_rehearsal/calls). A REST
   call's operation is found from botocore's model of the service, as moto does.

7. API Gateway v2's custom domain names keep only the configuration sent: no
   domainNameStatus, apiGatewayDomainName or hostedZoneId, so the AWS provider
   waits for AVAILABLE until it times out, and a DNS alias has no target. Here
   each configuration is answered AVAILABLE, with a regional target name made
   from the domain and API Gateway's regional hosted zone in us-east-1. moto
   also answers an unset mutual TLS setting as an empty object, which the
   provider reads as a change to make, and UpdateDomainName fails (500, retried
   for ever): here it is left out, as AWS leaves it out.

Everything else is moto as shipped. Run: python3 moto-server.py <port>
(binds 127.0.0.1 only; the rehearsal sets MOTO_* settings in the environment).
"""
import io
import re
import sys
from urllib.parse import parse_qs
import uuid
from collections import OrderedDict
from datetime import datetime, timezone

import json

import botocore.session
import xmltodict
from werkzeug.serving import run_simple

from moto.apigatewayv2.models import DomainName
from moto.autoscaling.responses import AutoScalingResponse
from moto.awslambda.models import LambdaFunction, lambda_backends
from moto.cloudwatch.models import cloudwatch_backends
from moto.codedeploy.models import Application, CodeDeployBackend, DeploymentGroup, DeploymentInfo
from moto.codedeploy.responses import CodeDeployResponse
from moto.core.responses import ActionResult
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from moto.s3.models import FakeBucket
from moto.s3.responses import S3Response

PORT = int(sys.argv[1])
CODE_PATH = re.compile(r"^/_rehearsal/lambda-code/(\d{12})/([a-z0-9-]+)/([^/]+)/([^/]+)$")
REFRESHES: dict = {}


def alarms_in_alarm(account, region, names):
    """Which of the named CloudWatch alarms are in ALARM: what stops a rollout on AWS."""
    alarms = cloudwatch_backends[account][region].alarms
    return [name for name in names if name in alarms and alarms[name].state_value == "ALARM"]


def start_instance_refresh(self):
    group_name = self._get_param("AutoScalingGroupName")
    preferences = self._get_param("Preferences") or {}
    desired = (self._get_param("DesiredConfiguration") or {}).get("LaunchTemplate")
    refresh_id = str(uuid.uuid4())
    now = datetime.now(timezone.utc)
    status, reason = "Successful", "recorded by the rehearsal's emulator; no instances run here"
    firing = alarms_in_alarm(self.current_account, self.region, (preferences.get("AlarmSpecification") or {}).get("Alarms", []))
    if firing and str(preferences.get("AutoRollback")).lower() == "true":
        # As AWS does when an alarm fires mid-refresh: back to the configuration saved before it.
        status, reason = "RollbackSuccessful", f"Rolled back due to alarm {firing[0]} in ALARM state (emulated)"
    elif desired:
        # On success AWS saves the desired configuration on the group.
        group = self.autoscaling_backend.autoscaling_groups[group_name]
        group.launch_template_version = group.provided_launch_template_version = str(desired["Version"])
    REFRESHES.setdefault((self.current_account, self.region, group_name), []).insert(
        0,
        {
            "InstanceRefreshId": refresh_id,
            "AutoScalingGroupName": group_name,
            "Status": status,
            "StatusReason": reason,
            "StartTime": now,
            "EndTime": now,
            "PercentageComplete": 100 if status == "Successful" else 0,
            "InstancesToUpdate": 0,
            "Preferences": preferences,
            "Strategy": self._get_param("Strategy") or "Rolling",
            **({"DesiredConfiguration": {"LaunchTemplate": desired}} if desired else {}),
        },
    )
    return ActionResult({"InstanceRefreshId": refresh_id})


def describe_instance_refreshes(self):
    group = self._get_param("AutoScalingGroupName")
    ids = self._get_param("InstanceRefreshIds", [])
    refreshes = REFRESHES.get((self.current_account, self.region, group), [])
    return ActionResult({"InstanceRefreshes": [r for r in refreshes if not ids or r["InstanceRefreshId"] in ids]})


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


def epoch_seconds(value):
    """AWS's JSON form of a time; moto keeps ISO text."""
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() if isinstance(value, str) else value


moto_application_to_dict = Application.to_dict


def application_to_dict(self):
    answer = moto_application_to_dict(self)
    answer["createTime"] = epoch_seconds(answer["createTime"])
    return answer


Application.to_dict = application_to_dict

moto_create_deployment = CodeDeployBackend.create_deployment
moto_deployment_to_dict = DeploymentInfo.to_dict
moto_group_to_dict = DeploymentGroup.to_dict


def create_deployment(self, application_name, deployment_group_name, revision, *args, **kwargs):
    deployment_id = moto_create_deployment(self, application_name, deployment_group_name, revision, *args, **kwargs)
    deployment = self.deployments[deployment_id]
    if deployment.application.compute_platform == "Lambda":
        decide_lambda_deployment(self, deployment, revision)
    return deployment_id


def decide_lambda_deployment(backend, deployment, revision):
    group = deployment.deployment_group
    spec = json.loads(revision["appSpecContent"]["content"])
    (resource,) = spec["Resources"][0].values()
    properties = resource["Properties"]
    alarm_config = group.alarm_configuration or {}
    rollback = group.auto_rollback_configuration or {}
    firing = alarms_in_alarm(backend.account_id, backend.region_name, [a["name"] for a in alarm_config.get("alarms", [])])
    now = datetime.now(timezone.utc).timestamp()
    deployment.start_time = deployment.complete_time = now
    if alarm_config.get("enabled") and firing:
        deployment.status = "Stopped"
        deployment.error_information = {"code": "ALARM_ACTIVE", "message": f"One or more alarms have been activated according to the Amazon CloudWatch metrics you selected: {', '.join(firing)}"}
        if rollback.get("enabled") and "DEPLOYMENT_STOP_ON_ALARM" in rollback.get("events", []):
            deployment.rollback_info = {"rollbackMessage": "Rolled back by the rehearsal's emulator: the alias was not moved"}
        return
    lambda_backends[backend.account_id][backend.region_name].update_alias(
        properties["Alias"], properties["Name"], str(properties["TargetVersion"]), None, None
    )
    deployment.status = "Succeeded"


def deployment_to_dict(self):
    answer = moto_deployment_to_dict(self)
    for field in ("createTime", "startTime", "completeTime"):
        answer[field] = epoch_seconds(answer[field])
    answer["errorInformation"] = getattr(self, "error_information", {})
    answer["rollbackInfo"] = getattr(self, "rollback_info", {})
    return answer


def group_to_dict(self):
    answer = moto_group_to_dict(self)
    answer["alarmConfiguration"] = self.alarm_configuration or {}
    # AWS leaves out what a group does not have; an empty loadBalancerInfo reads as a block to remove.
    return {key: value for key, value in answer.items() if value != {}}


def delete_application(self):
    backend = self.codedeploy_backend
    name = self._get_param("applicationName")
    backend.applications.pop(name, None)
    backend.deployment_groups.pop(name, None)
    return "{}"


def delete_deployment_group(self):
    groups = self.codedeploy_backend.deployment_groups.get(self._get_param("applicationName"), {})
    groups.pop(self._get_param("deploymentGroupName"), None)
    return json.dumps({"hooksNotCleanedUp": []})


# What UpdateDeploymentGroup may change, as its request names it, and the model's attribute.
GROUP_SETTINGS = {
    "deploymentConfigName": "deployment_config_name",
    "serviceRoleArn": "service_role_arn",
    "alarmConfiguration": "alarm_configuration",
    "autoRollbackConfiguration": "auto_rollback_configuration",
    "deploymentStyle": "deployment_style",
    "triggerConfigurations": "trigger_configurations",
}


def update_deployment_group(self):
    groups = self.codedeploy_backend.deployment_groups[self._get_param("applicationName")]
    group = groups.pop(self._get_param("currentDeploymentGroupName"))
    for param, attribute in GROUP_SETTINGS.items():
        value = self._get_param(param)
        if value is not None:
            setattr(group, attribute, value)
    group.deployment_group_name = self._get_param("newDeploymentGroupName") or group.deployment_group_name
    groups[group.deployment_group_name] = group
    return json.dumps({"hooksNotCleanedUp": []})


CodeDeployBackend.create_deployment = create_deployment
DeploymentInfo.to_dict = deployment_to_dict
DeploymentGroup.to_dict = group_to_dict
CodeDeployResponse.delete_application = delete_application
CodeDeployResponse.delete_deployment_group = delete_deployment_group
CodeDeployResponse.update_deployment_group = update_deployment_group


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


# 7. A custom domain's configurations as AWS answers them once its certificate is in place.
moto_domain_name_to_json = DomainName.to_json
REGIONAL_API_ZONE = "Z1UJRXOUMOOFQ8"


def domain_name_to_json(self):
    answer = moto_domain_name_to_json(self)
    target = f"d-{uuid.uuid5(uuid.NAMESPACE_DNS, self.domain_name).hex[:10]}.execute-api.{self.domain_name_arn.split(':')[3]}.amazonaws.com"
    answer["domainNameConfigurations"] = [
        {"domainNameStatus": "AVAILABLE", "apiGatewayDomainName": target, "hostedZoneId": REGIONAL_API_ZONE, **configuration}
        for configuration in self.domain_name_configurations
    ]
    if not answer.get("mutualTlsAuthentication"):
        answer.pop("mutualTlsAuthentication", None)
    return answer


DomainName.to_json = domain_name_to_json

READS = {"GET", "HEAD", "OPTIONS"}
ACTION = re.compile(r"(?:^|&)Action=([A-Za-z0-9]+)")


def call_name(environ):
    """A call's name for the report: its JSON target, its query Action, or its REST method and path (reads the body, so only for calls not passed on)."""
    scope = re.search(r"Credential=[^/]+/[^/]+/[^/]+/([^/]+)/", environ.get("HTTP_AUTHORIZATION", ""))
    service = scope.group(1) if scope else "?"
    if environ.get("HTTP_X_AMZ_TARGET"):
        return f"{service} {environ['HTTP_X_AMZ_TARGET'].split('.')[-1]}"
    length = int(environ.get("CONTENT_LENGTH") or 0)
    action = ACTION.search(environ["wsgi.input"].read(length).decode("utf-8", "replace")) if length else None
    return f"{service} {action.group(1)}" if action else f"{service} {environ.get('REQUEST_METHOD')} {environ.get('PATH_INFO')}"


# The services signed with one name whose operations are sent as REST paths: which botocore models to look in.
REST_MODELS = {"apigateway": ["apigatewayv2", "apigateway"], "lambda": ["lambda"], "s3": ["s3"], "route53": ["route53"]}
CBOR_PATH = re.compile(r"^/service/[^/]+/operation/([A-Za-z0-9]+)$")
CREDENTIAL = re.compile(r"Credential=([^/]+)/[^/]+/([^/]+)/([^/]+)/")


def rest_routes(service):
    """(method, path pattern, required query, operation) for each operation of the REST models signed as `service`, most specific first."""
    routes = []
    for name in REST_MODELS.get(service, []):
        model = botocore.session.get_session().get_service_model(name)
        for operation in model.operation_names:
            operation_model = model.operation_model(operation)
            if operation_model.deprecated:
                continue  # an older name for the same path (S3's GetBucketLifecycle)
            http = operation_model.http
            shape = operation_model.input_shape
            # What tells apart operations on one path: CopyObject's x-amz-copy-source, AbortMultipartUpload's uploadId.
            members = [shape.members[m].serialization for m in (shape.required_members if shape else [])]
            headers = {"HTTP_" + m["name"].upper().replace("-", "_") for m in members if m.get("location") == "header"}
            queried = {m["name"]: "" for m in members if m.get("location") == "querystring"}
            path, _, query = http["requestUri"].partition("?")
            greedy = re.sub(r"\\\{[^}]+\\\+\\\}", ".+", re.escape(path.rstrip("/") or "/"))
            pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", greedy)
            required = {**queried, **dict(part.partition("=")[::2] for part in query.split("&") if part)}
            literal = len(re.sub(r"\{[^}]+\}", "", path))
            routes.append((http["method"], re.compile(f"^{pattern}/?$"), required, headers, operation, (len(required), len(headers), literal)))
    return sorted(routes, key=lambda route: route[5], reverse=True)


class CallsSeen:
    """Counts each call by access key, signing service, region and operation (see 6. above)."""

    def __init__(self, app):
        self.app = app
        self.counts = {}
        self.routes = {}

    def operation(self, environ, service, body):
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            return target.split(".")[-1]
        path = environ.get("PATH_INFO", "")
        cbor = CBOR_PATH.match(path)
        if cbor:
            return cbor.group(1)
        action = ACTION.search(body.decode("utf-8", "replace")) or ACTION.search(environ.get("QUERY_STRING", ""))
        if action:
            return action.group(1)
        if service not in self.routes:
            self.routes[service] = rest_routes(service)
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        for method, pattern, required, headers, operation, _ in self.routes[service]:
            if (
                method == environ.get("REQUEST_METHOD")
                and pattern.match(path)
                and all(k in query and (not v or v in query[k]) for k, v in required.items())
                and all(h in environ for h in headers)
            ):
                return operation
        return f"{environ.get('REQUEST_METHOD')} {path}"

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/_rehearsal/calls":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps([dict(zip(("key", "service", "region", "operation"), k), count=n) for k, n in self.counts.items()]).encode()]
        signed = CREDENTIAL.search(environ.get("HTTP_AUTHORIZATION", ""))
        if signed:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(body)
            key = (signed.group(1), signed.group(3), signed.group(2), self.operation(environ, signed.group(3), body))
            self.counts[key] = self.counts.get(key, 0) + 1
        return self.app(environ, start_response)


class RetriesAnsweredOnce:
    """Answers a retried call (not a GET, HEAD or OPTIONS) with the answer its first attempt got, when that succeeded (see 5. above)."""

    def __init__(self, app, remembered=4096):
        self.app = app
        self.remembered = remembered
        self.answers = OrderedDict()  # invocation id -> (status, headers, body)
        self.replayed = []

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") == "/_rehearsal/retries":
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(self.replayed).encode()]
        invocation = environ.get("HTTP_AMZ_SDK_INVOCATION_ID") if environ.get("REQUEST_METHOD") not in READS else None
        if invocation in self.answers:
            status, headers, body = self.answers[invocation]
            self.replayed.append({"call": call_name(environ), "attempt": environ.get("HTTP_AMZ_SDK_REQUEST", "")})
            start_response(status, headers)
            return [body]
        answer = {}

        def remember(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)
            return start_response(status, headers, exc_info)

        answered = self.app(environ, remember)
        try:
            body = b"".join(answered)
        finally:
            if hasattr(answered, "close"):
                answered.close()  # as a WSGI server would
        if invocation and answer.get("status", "").startswith("2"):
            self.answers[invocation] = (answer["status"], answer["headers"], body)
            while len(self.answers) > self.remembered:
                self.answers.popitem(last=False)
        return [body]


if __name__ == "__main__":
    # One request at a time: moto's models are not safe against concurrent changes to one resource
    # (two rules authorized at once on one security group were seen to fail as duplicates, or to
    # vanish before their revoke). The rehearsal's time goes to Terraform's waits, not to moto.
    app = CallsSeen(RetriesAnsweredOnce(with_lambda_code(DomainDispatcherApplication(create_backend_app))))
    run_simple("127.0.0.1", PORT, app, threaded=False)
