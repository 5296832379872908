# Small groups stay hidden: the analytics read functions show no toy and no country named by
# fewer distinct children than analytics_min_children (checked again at their cold start).
locals {
  analytics_reader_functions = [for name, f in local.wiring.functions : name if f.role == "analytics-reader"]
  analytics_reader_environment = {
    for name in local.analytics_reader_functions : name => { ANALYTICS_MIN_CHILDREN = tostring(var.analytics_min_children) }
  }
}
