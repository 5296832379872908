# Small groups stay hidden from elves: analytics_min_children reaches the analytics read
# functions, and only them, and a value that would show nothing or misread is refused at plan.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  aws_region  = "eu-west-1"
  name_prefix = "santas-workshop"
}

run "the_default_hides_groups_of_fewer_than_five_children" {
  command = apply

  assert {
    condition     = alltrue([for name in ["top-toys", "analytics-summary"] : module.function[name].environment.ANALYTICS_MIN_CHILDREN == "5"])
    error_message = "top-toys and analytics-summary get ANALYTICS_MIN_CHILDREN=5 by default."
  }

  assert {
    condition     = alltrue([for name, function in module.function : !contains(keys(function.environment), "ANALYTICS_MIN_CHILDREN") if !contains(["top-toys", "analytics-summary"], name)])
    error_message = "No other function gets ANALYTICS_MIN_CHILDREN."
  }
}

run "a_chosen_threshold_reaches_the_analytics_readers" {
  command = apply

  variables {
    analytics_min_children = 10
  }

  assert {
    condition     = alltrue([for name in ["top-toys", "analytics-summary"] : module.function[name].environment.ANALYTICS_MIN_CHILDREN == "10"])
    error_message = "top-toys and analytics-summary get the configured ANALYTICS_MIN_CHILDREN."
  }
}

run "zero_is_refused" {
  command = plan

  variables {
    analytics_min_children = 0
  }

  expect_failures = [var.analytics_min_children]
}

run "a_fraction_is_refused" {
  command = plan

  variables {
    analytics_min_children = 2.5
  }

  expect_failures = [var.analytics_min_children]
}
