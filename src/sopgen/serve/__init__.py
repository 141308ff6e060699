"""The workshop page: a local web server that shows a flow, follows every save and tries future states."""
