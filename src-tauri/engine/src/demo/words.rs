//! Word lists. Commit messages, titles and bodies are drawn from these with a Zipf-like
//! distribution so the text compresses like real prose, not like a repeated template.

/// Programming and everyday English words, roughly from common to rare (the draw favours the
/// front of the list).
#[rustfmt::skip]
pub(super) const VOCABULARY: &[&str] = &[
    "the", "to", "in", "for", "and", "of", "a", "is", "when", "with", "on", "not", "it", "this",
    "from", "that", "be", "by", "if", "error", "test", "update", "file", "data", "function",
    "value", "new", "config", "support", "use", "version", "user", "type", "api", "build", "code",
    "should", "fix", "add", "now", "can", "an", "are", "all", "missing", "default", "issue",
    "release", "page", "list", "check", "docs", "name", "path", "request", "server", "client",
    "option", "message", "output", "input", "string", "state", "model", "table", "index", "cache",
    "query", "response", "component", "module", "package", "dependency", "dependencies", "linter",
    "warning", "crash", "bug", "feature", "handler", "event", "events", "field", "fields", "key",
    "keys", "method", "class", "object", "array", "map", "parser", "token", "session", "login",
    "button", "layout", "style", "theme", "dark", "mode", "color", "font", "icon", "image", "view",
    "screen", "window", "panel", "dialog", "menu", "form", "field", "label", "tooltip", "link",
    "route", "router", "endpoint", "schema", "migration", "database", "column", "row", "record",
    "entry", "item", "items", "node", "tree", "graph", "edge", "queue", "worker", "thread", "task",
    "job", "pipeline", "stage", "step", "workflow", "action", "actions", "runner", "matrix",
    "script", "command", "flag", "argument", "arguments", "env", "variable", "secret", "token",
    "permission", "role", "admin", "account", "profile", "avatar", "email", "notification",
    "webhook", "payload", "header", "body", "status", "code", "timeout", "retry", "limit", "rate",
    "size", "length", "count", "offset", "page", "cursor", "filter", "sort", "search", "result",
    "results", "report", "log", "logs", "logger", "trace", "metric", "metrics", "dashboard",
    "chart", "plot", "axis", "legend", "tests", "unit", "integration", "snapshot", "fixture",
    "mock", "stub", "coverage", "benchmark", "performance", "memory", "leak", "allocation",
    "buffer", "stream", "socket", "connection", "pool", "proxy", "certificate", "tls", "auth",
    "oauth", "jwt", "cookie", "storage", "bucket", "upload", "download", "archive", "zip", "image",
    "docker", "container", "kubernetes", "helm", "chart", "deploy", "deployment", "staging",
    "production", "preview", "branch", "commit", "merge", "rebase", "tag", "changelog", "readme",
    "license", "typo", "comment", "comments", "example", "examples", "guide", "tutorial", "install",
    "setup", "upgrade", "downgrade", "compat", "compatibility", "legacy", "deprecated",
    "experimental", "stable", "nightly", "beta", "alpha", "minor", "major", "patch", "breaking",
    "change", "changes", "refactor", "cleanup", "rename", "move", "split", "extract", "inline",
    "simplify", "optimize", "improve", "handle", "ignore", "skip", "allow", "prevent", "avoid",
    "ensure", "validate", "parse", "serialize", "deserialize", "encode", "decode", "format",
    "render", "load", "save", "read", "write", "open", "close", "start", "stop", "restart", "reset",
    "clear", "init", "initialize", "create", "delete", "remove", "insert", "replace", "append",
    "merge", "sync", "async", "await", "promise", "callback", "closure", "iterator", "generic",
    "trait", "interface", "struct", "enum", "union", "macro", "lifetime", "borrow", "pointer",
    "reference", "null", "undefined", "empty", "invalid", "unexpected", "duplicate", "wrong",
    "broken", "flaky", "slow", "fast", "large", "small", "first", "last", "next", "previous",
    "current", "multiple", "single", "optional", "required", "custom", "global", "local", "remote",
    "internal", "external", "public", "private", "shared", "static", "dynamic", "mobile", "desktop",
    "browser", "android", "ios", "linux", "windows", "macos", "arm64", "wasm", "gpu", "cpu",
    "shader", "texture", "mesh", "camera", "audio", "video", "player", "playlist", "map", "tile",
    "tiles", "marker", "location", "region", "zone", "timezone", "date", "time", "calendar",
    "schedule", "cron", "reminder", "invoice", "payment", "checkout", "cart", "order", "product",
    "price", "currency", "locale", "translation", "i18n", "accessibility", "keyboard", "shortcut",
    "scroll", "drag", "drop", "resize", "zoom", "animation", "transition", "spinner", "placeholder",
    "sidebar", "navbar", "footer", "modal", "toast", "badge", "card", "grid", "flex", "responsive",
    "tailwind", "react", "vue", "svelte", "angular", "nextjs", "vite", "webpack", "eslint",
    "prettier", "typescript", "python", "rust", "golang", "java", "kotlin", "swift", "ruby",
    "rails", "django", "flask", "fastapi", "express", "graphql", "grpc", "redis", "postgres",
    "sqlite", "mysql", "mongodb", "kafka", "terraform", "ansible", "nginx", "lambda", "serverless",
    "edge", "cdn", "dns", "ipv6", "firewall", "sandbox", "plugin", "plugins", "extension", "addon",
    "hook", "hooks", "middleware", "adapter", "wrapper", "binding", "bindings", "sdk", "cli", "tui",
    "gui", "repl", "notebook", "kernel", "tensor", "embedding", "vector", "training", "inference",
    "dataset", "prompt", "agent", "llm", "tokenizer", "quantization", "scheduler", "allocator",
    "compiler", "interpreter", "lexer", "ast", "bytecode", "runtime", "garbage", "collector",
    "regression", "panic", "overflow", "underflow", "deadlock", "race", "condition", "mutex",
    "lock", "atomic", "channel", "signal", "shutdown", "graceful", "healthcheck", "probe",
    "readiness", "liveness", "rollback", "rollout", "canary", "feature-flag", "toggle",
    "experiment", "telemetry", "analytics", "privacy", "consent", "gdpr", "csv", "json", "yaml",
    "toml", "xml", "markdown", "html", "css", "svg", "png", "pdf", "utf-8", "unicode", "emoji",
    "whitespace", "newline", "indentation", "tabs", "spaces", "lint", "clippy", "rustfmt", "mypy",
    "pytest", "jest", "vitest", "cypress", "playwright", "selenium", "windows-latest",
    "ubuntu-latest", "macos-14", "node18", "node20", "python3.12", "msrv", "café", "naïve",
    "résumé", "über", "façade", "日本語", "中文", "🚀", "✨", "🐛",
];

/// Verbs that start most commit messages and pull request titles.
#[rustfmt::skip]
pub(super) const VERBS: &[&str] = &[
    "Fix", "Add", "Update", "Remove", "Refactor", "Improve", "Use", "Move", "Rename", "Implement",
    "Support", "Handle", "Allow", "Make", "Clean up", "Bump", "Revert", "Document", "Simplify",
    "Avoid", "Ensure", "Replace", "Drop", "Introduce", "Extract", "Optimize", "Enable", "Disable",
    "Switch", "Split", "Migrate", "Expose", "Tweak", "Prevent", "Correct", "Fixed", "Added",
    "Updated", "Removed", "fix", "add", "update",
];

/// Conventional-commit prefixes; about a third of modern commit messages carry one.
#[rustfmt::skip]
pub(super) const PREFIXES: &[&str] = &[
    "fix: ", "feat: ", "chore: ", "docs: ", "refactor: ", "test: ", "ci: ", "build: ", "perf: ",
    "style: ", "chore(deps): ", "fix(core): ", "feat(ui): ", "fix(api): ", "feat(cli): ",
];

#[rustfmt::skip]
pub(super) const FIRST_NAMES: &[&str] = &[
    "James", "Mary", "Wei", "Priya", "Mohammed", "Olga", "Lucas", "Sofia", "Hiroshi", "Aisha",
    "Daniel", "Emma", "Carlos", "Ana", "Yuki", "Ivan", "Fatima", "Noah", "Mia", "Arjun", "Chloe",
    "Mateo", "Lena", "Omar", "Grace", "Tomás", "Ingrid", "Kwame", "Zoë", "Rahul", "Julia", "Dmitri",
    "Amara", "Felix", "Hannah", "Jin", "Laura", "Pedro", "Sara", "Ahmed", "Nora", "Elias", "Maya",
    "Kenji", "Leila", "Oscar", "Ruth", "Viktor", "Isabel", "Samuel", "Chen", "Anika", "Thomas",
    "Clara", "Diego", "Eva", "Ali", "Lucy", "Marco", "Nina", "Pablo", "Rosa", "Stefan", "Tara",
    "Yusuf", "Zara", "Ben", "Alice", "Kofi", "Linh", "Jonas", "Paula", "Raj", "Sven", "Alex", "Sam",
    "Jordan", "Taylor", "Chris", "Robin", "Kim", "Andrea", "Nikolai", "Agnieszka", "Bjørn",
    "Siobhan", "Mehmet", "Elif", "Tariq", "Hugo", "Camille", "Luca", "Giulia", "Mei", "Haruto",
    "Seo-yeon", "Min-jun", "Ayodele", "Chidi", "Nadia", "Emil",
];

#[rustfmt::skip]
pub(super) const LAST_NAMES: &[&str] = &[
    "Smith", "Chen", "Patel", "Garcia", "Kim", "Müller", "Nguyen", "Silva", "Ivanov", "Tanaka",
    "Rossi", "Kowalski", "Johnson", "Okafor", "Haddad", "Larsen", "Novak", "Dubois", "Schmidt",
    "Lopez", "Wang", "Singh", "Sato", "Yilmaz", "Andersson", "Brown", "Martin", "Costa", "Fischer",
    "Jensen", "Kumar", "Li", "Mendes", "Nakamura", "Popescu", "Quinn", "Reyes", "Santos", "Torres",
    "Weber", "Zhang", "Ali", "Baker", "Cohen", "Diaz", "Evans", "Ferrari", "Gomez", "Hansen", "Ito",
    "Jovanović", "Khan", "Lee", "Moreau", "Nielsen", "Olsen", "Park", "Romero", "Suzuki",
    "Thompson", "Umar", "Vargas", "Walker", "Xu", "Yamamoto", "Zimmermann", "Adeyemi", "Björk",
    "Castillo", "Dang", "Eriksson", "Fernández", "Gupta", "Horvat", "Iyer", "Jung", "Kaur",
    "Lindqvist", "Mensah", "Nowak", "O'Brien", "Petrov", "Ramos", "Schulz", "Takahashi", "Vogel",
    "Wright", "Young", "Zhou", "Bianchi", "Choi", "Dimitrov", "Esposito", "Friedman", "Hoang",
];

#[rustfmt::skip]
pub(super) const CITIES: &[&str] = &[
    "San Francisco, CA", "Berlin, Germany", "Bangalore, India", "London", "Tokyo", "São Paulo",
    "Toronto, Canada", "Paris", "Beijing", "Seattle, WA", "Amsterdam", "Lagos, Nigeria",
    "Sydney, Australia", "Stockholm", "Warsaw, Poland", "Seoul", "New York", "Austin, TX", "Zürich",
    "Buenos Aires", "Nairobi", "Shanghai", "Moscow", "Madrid", "Remote", "Earth",
];

#[rustfmt::skip]
pub(super) const COMPANIES: &[&str] = &[
    "@acme", "Initech", "Globex", "Hooli", "Umbrella Labs", "Stark Industries", "Wayne Tech",
    "Freelance", "University of Somewhere", "@nimbus-labs", "Pied Piper", "Vandelay Industries",
    "Soylent", "Tyrell Corp", "Cyberdyne", "Massive Dynamic", "Aperture Science",
];

/// Languages with weights close to GitHub's mix.
pub(super) const LANGUAGES: &[(&str, u32)] = &[
    ("JavaScript", 14),
    ("Python", 16),
    ("TypeScript", 14),
    ("Java", 7),
    ("Go", 5),
    ("Rust", 4),
    ("C++", 5),
    ("C", 3),
    ("C#", 4),
    ("PHP", 4),
    ("Ruby", 2),
    ("Shell", 3),
    ("HTML", 5),
    ("CSS", 2),
    ("Kotlin", 2),
    ("Swift", 1),
    ("Jupyter Notebook", 3),
    ("Dart", 1),
    ("Scala", 1),
    ("Lua", 1),
    ("Haskell", 1),
];

/// (key, name, spdx id) of the licenses repositories carry.
pub(super) const LICENSES: &[(&str, &str, &str)] = &[
    ("mit", "MIT License", "MIT"),
    ("apache-2.0", "Apache License 2.0", "Apache-2.0"),
    ("gpl-3.0", "GNU General Public License v3.0", "GPL-3.0"),
    ("bsd-3-clause", "BSD 3-Clause \"New\" or \"Revised\" License", "BSD-3-Clause"),
    ("mpl-2.0", "Mozilla Public License 2.0", "MPL-2.0"),
    ("agpl-3.0", "GNU Affero General Public License v3.0", "AGPL-3.0"),
    ("unlicense", "The Unlicense", "Unlicense"),
    ("other", "Other", "NOASSERTION"),
];

/// (name, color, description) of GitHub's default issue labels.
pub(super) const LABELS: &[(&str, &str, &str)] = &[
    ("bug", "d73a4a", "Something isn't working"),
    ("documentation", "0075ca", "Improvements or additions to documentation"),
    ("duplicate", "cfd3d7", "This issue or pull request already exists"),
    ("enhancement", "a2eeef", "New feature or request"),
    ("good first issue", "7057ff", "Good for newcomers"),
    ("help wanted", "008672", "Extra attention is needed"),
    ("invalid", "e4e669", "This doesn't seem right"),
    ("question", "d876e3", "Further information is requested"),
    ("wontfix", "ffffff", "This will not be worked on"),
    ("dependencies", "0366d6", "Pull requests that update a dependency file"),
];

/// Packages that dependency bots bump.
#[rustfmt::skip]
pub(super) const PACKAGES: &[&str] = &[
    "serde", "tokio", "clap", "anyhow", "lodash", "axios", "react", "react-dom", "webpack",
    "eslint", "typescript", "vite", "@types/node", "jest", "requests", "numpy", "pandas", "pytest",
    "django", "urllib3", "certifi", "golang.org/x/net", "github.com/stretchr/testify",
    "actions/checkout", "actions/setup-node", "actions/cache", "docker/build-push-action",
    "com.fasterxml.jackson.core:jackson-databind", "org.springframework.boot", "rails", "nokogiri",
    "express", "next", "postcss", "tailwindcss", "semver", "braces", "follow-redirects", "ws",
];

/// Branch-name words for feature branches.
pub(super) const BRANCH_PREFIXES: &[&str] =
    &["feature/", "fix/", "feat/", "chore/", "docs/", "refactor/", "", "", "patch-", "dev/"];

/// Suffixes for generated repository names.
#[rustfmt::skip]
pub(super) const REPO_SUFFIXES: &[&str] = &[
    "", "", "", "", "-cli", "-rs", "-js", "-api", "-sdk", "-docs", "-app", "-server", "-web",
    "-bot", ".nvim", "-action", "-plugin", "-core", "-ui", "-go", "-py", "-demo", "-template",
    "-kit",
];

/// Suffixes for generated organisation names.
pub(super) const ORG_SUFFIXES: &[&str] =
    &["-labs", "-io", "hq", "-dev", "-org", "-team", "-project", "-systems", "-oss", "-community"];

/// File paths for review comments and diff hunks.
#[rustfmt::skip]
pub(super) const PATHS: &[&str] = &[
    "src/lib.rs", "src/main.rs", "README.md", "package.json", "src/index.ts", "src/app.tsx",
    "setup.py", "pyproject.toml", "Cargo.toml", "go.mod", "cmd/server/main.go", "lib/utils.js",
    "tests/test_api.py", "docs/index.md", ".github/workflows/ci.yml", "Makefile", "Dockerfile",
    "src/components/Button.tsx", "app/models/user.rb", "src/parser.c", "include/config.h",
];

/// Stock phrases; real prose repeats these, which is much of why it compresses 3:1.
#[rustfmt::skip]
pub(super) const PHRASES: &[&str] = &[
    "in the", "of the", "to the", "for the", "on the", "with the", "from the", "this is", "it is",
    "we should", "does not", "is not", "make sure", "as well as", "at the moment", "in order to",
    "for example", "I think", "it would be", "the same", "a new", "so that", "when using",
    "is used", "can be", "will be", "should be", "has been", "there is", "instead of", "based on",
    "related to", "in case", "as expected", "by default", "out of", "up to date", "the following",
    "on top of", "right now", "at least", "thanks for", "looks like", "it seems", "the issue",
    "this PR", "this change", "the test", "the build", "the docs", "unit tests", "error message",
    "edge case", "follow-up", "code review", "pull request", "release notes", "breaking change",
    "the CI", "GitHub Actions", "node_modules", "package-lock.json", "works for me",
    "steps to reproduce", "expected behavior", "stack trace", "the latest version",
    "after upgrading", "on Windows", "on macOS", "in production", "locally", "the config file",
    "the README", "the main branch", "a regression", "the API", "the user", "the request",
    "the response", "if possible", "any ideas", "not sure", "I tried", "it fails", "it works",
    "we need", "you can", "do not",
];

/// Pieces of the most common pull request template; prose goes between them. Already escaped.
pub(super) const PULL_TEMPLATE: [&str; 3] = [
    "## Description\\r\\n\\r\\n",
    "\\r\\n\\r\\n## Type of change\\r\\n\\r\\n- [ ] Bug fix (non-breaking change which fixes an issue)\\r\\n- [x] New feature (non-breaking change which adds functionality)\\r\\n- [ ] Breaking change (fix or feature that would cause existing functionality to not work as expected)\\r\\n- [ ] This change requires a documentation update\\r\\n\\r\\n## How Has This Been Tested?\\r\\n\\r\\n",
    "\\r\\n\\r\\n## Checklist:\\r\\n\\r\\n- [x] My code follows the style guidelines of this project\\r\\n- [x] I have performed a self-review of my own code\\r\\n- [ ] I have commented my code, particularly in hard-to-understand areas\\r\\n- [x] I have made corresponding changes to the documentation\\r\\n- [x] My changes generate no new warnings\\r\\n- [ ] I have added tests that prove my fix is effective or that my feature works",
];

/// Pieces of GitHub's default bug report template. Already escaped.
pub(super) const ISSUE_TEMPLATE: [&str; 4] = [
    "**Describe the bug**\\r\\n",
    "\\r\\n\\r\\n**To Reproduce**\\r\\nSteps to reproduce the behavior:\\r\\n1. Go to '...'\\r\\n2. Click on '....'\\r\\n3. Scroll down to '....'\\r\\n4. See error\\r\\n\\r\\n**Expected behavior**\\r\\n",
    "\\r\\n\\r\\n**Desktop (please complete the following information):**\\r\\n - OS: ",
    "\\r\\n - Browser [e.g. chrome, safari]\\r\\n - Version [e.g. 22]\\r\\n\\r\\n**Additional context**\\r\\nAdd any other context about the problem here.",
];
