from caredesk.automation.rules.tests.rule_fixtures import make_rule  # noqa: F401 (a fixture)
