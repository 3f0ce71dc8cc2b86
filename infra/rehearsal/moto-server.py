"""moto_server for the deploy rehearsal, with the one Auto Scaling call it lacks.

moto 5.2 does not implement StartInstanceRefresh: the AWS provider starts one on
every launch template change and, on the emulator's error, retries until its
10-minute timeout. This launcher answers it (and DescribeInstanceRefreshes) by
recording the request and reporting it Successful, so a second deploy finishes
and the rehearsal can check that a refresh was asked for, with the preferences
the stack sets. Everything else is moto as shipped.

Run: python3 moto-server.py <port>   (binds 127.0.0.1 only)
"""
import sys
import uuid
from datetime import datetime, timezone

from moto.autoscaling.responses import AutoScalingResponse
from moto.core.responses import ActionResult
from moto.server import main

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

if __name__ == "__main__":
    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
