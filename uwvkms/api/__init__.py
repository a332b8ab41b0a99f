"""The REST API's foundation (issue 9): token authentication, problem details, pagination,
body limits and the URL root. It sits in the organisation core and never imports the apps
above it; their API modules are included by dotted path."""
