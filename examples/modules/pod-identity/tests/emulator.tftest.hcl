# `terraform test` against aws-emulator: the provider reads AWS_ENDPOINT_URL, AWS_REGION and the emulator's keys
# (test/test) from the environment, so nothing here names an endpoint. See docs/guides/testing-modules-offline.md.
provider "aws" {
  default_tags {
    tags = { suite = "module-test" }
  }
}

variables {
  cluster_name    = "pod-identity-lab"
  namespace       = "payments"
  service_account = "payments-api"
  role_arn        = "arn:aws:iam::123456789012:role/payments-api"
  tags            = { app = "payments" }
}

run "installs_agent_and_association" {
  assert {
    condition     = startswith(output.association_id, "a-")
    error_message = "EKS association ids start with a-."
  }

  assert {
    condition     = output.association_arn == "arn:aws:eks:us-west-2:123456789012:podidentityassociation/pod-identity-lab/${output.association_id}"
    error_message = "Unexpected association ARN ${output.association_arn}."
  }

  assert {
    condition     = output.agent_version != null
    error_message = "The agent add-on should report its version."
  }

  assert {
    condition     = output.tags_all == tomap({ app = "payments", suite = "module-test" })
    error_message = "tags_all should merge the provider's default_tags with the module's tags."
  }
}

run "changing_the_role_updates_in_place" {
  variables {
    role_arn = "arn:aws:iam::123456789012:role/ledger-reader"
  }

  assert {
    condition     = output.association_id == run.installs_agent_and_association.association_id
    error_message = "A new role must not replace the association."
  }
}

run "rejects_a_bad_namespace_at_plan_time" {
  command = plan

  variables {
    namespace = "Payments_Team"
  }

  expect_failures = [var.namespace]
}
