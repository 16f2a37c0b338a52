// A GitHub API on 127.0.0.1 for the WebDriver suite: one token, one repository with recent
// events, star history and issues, GraphQL metadata batches, and the rate-limit headers the
// engine's governor reads. (The engine's own tests use a richer Rust fake; this one only has
// to make the app's GitHub pages work end to end.)
import { createServer } from "node:http";

const now = () => Math.floor(Date.now() / 1000);
const iso = (seconds) => new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, "Z");

function repository() {
  const repo = { id: 424242, name: "octo/widget" };
  const events = Array.from({ length: 25 }, (_, i) => ({
    id: String(90_000_000 + i),
    type: i % 2 ? "WatchEvent" : "IssuesEvent",
    public: true,
    created_at: iso(now() - 3600 * (i + 1)),
    actor: { id: 5000 + (i % 4), login: `dev${i % 4}`, display_login: `dev${i % 4}` },
    repo: { id: repo.id, name: repo.name, url: `https://api.github.com/repos/${repo.name}` },
    payload: i % 2 ? { action: "started" } : { action: "opened", issue: { number: 1 + (i % 3) } },
  }));
  const today = Math.floor(now() / 86400);
  const sunday = Math.floor((today - 3) / 7) * 7 + 3; // 1970-01-04, unix day 3, was a Sunday
  const weeks = Array.from({ length: 4 }, (_, w) => ({
    week: (sunday - 7 * (3 - w)) * 86400,
    total: 6,
    days: [1, 0, 2, 0, 1, 2, 0],
  }));
  const issues = [1, 2, 3].map((n) => ({
    number: n,
    created_at: iso(now() - 86400 * (10 - n)),
    updated_at: iso(now() - 86400 * (5 - n)),
    closed_at: n === 2 ? iso(now() - 86400 * 4) : null,
    user: { id: 7000 + n, login: `author${n}`, type: "User" },
    ...(n === 3 ? { pull_request: { merged_at: null } } : {}),
  }));
  return { ...repo, events, weeks, issues };
}

export async function startGithubFake(token) {
  const repo = repository();
  const limit = { limit: 5000, remaining: 4990, reset: now() + 3600 };
  const requests = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url, "http://fake");
    requests.push(`${request.method} ${url.pathname}`);
    response.setHeader("content-type", "application/json");
    const rate = () => {
      response.setHeader("x-ratelimit-limit", String(limit.limit));
      response.setHeader("x-ratelimit-remaining", String(limit.remaining));
      response.setHeader("x-ratelimit-reset", String(limit.reset));
    };
    if (request.headers.authorization !== `Bearer ${token}`) {
      response.writeHead(401).end('{"message":"Bad credentials"}');
      return;
    }
    if (url.pathname === "/graphql") {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const variables = JSON.parse(body).variables ?? {};
        const data = { rateLimit: { cost: 1, remaining: 4999, resetAt: iso(limit.reset) } };
        const errors = [];
        for (let i = 0; `o${i}` in variables; i += 1) {
          const name = `${variables[`o${i}`]}/${variables[`n${i}`]}`;
          if (name.toLowerCase() !== repo.name) {
            data[`r${i}`] = null;
            errors.push({ type: "NOT_FOUND", path: [`r${i}`], message: `Could not resolve to a Repository with the name '${name}'.` });
            continue;
          }
          data[`r${i}`] = {
            databaseId: repo.id, nameWithOwner: repo.name, stargazerCount: 24, forkCount: 3,
            watchers: { totalCount: 5 }, issues: { totalCount: 2 }, primaryLanguage: { name: "Rust" },
            repositoryTopics: { nodes: [{ topic: { name: "cli" } }] }, licenseInfo: { spdxId: "MIT" },
            createdAt: "2020-01-01T00:00:00Z", pushedAt: iso(now()), updatedAt: iso(now()),
            isArchived: false, defaultBranchRef: { name: "main" },
          };
        }
        response.end(JSON.stringify(errors.length ? { data, errors } : { data }));
      });
      return;
    }
    rate();
    const base = `/repos/${repo.name}`;
    if (url.pathname === "/user") {
      response.setHeader("x-oauth-scopes", "repo");
      response.end('{"login":"octocat","id":583231}');
    } else if (url.pathname === "/rate_limit") {
      response.end(JSON.stringify({ resources: { core: limit, graphql: { ...limit, remaining: 4999 } }, rate: limit }));
    } else if (url.pathname === `${base}/events`) {
      limit.remaining -= 1;
      response.setHeader("x-poll-interval", "60");
      response.end(JSON.stringify(repo.events));
    } else if (url.pathname === `${base}/stargazers/history`) {
      limit.remaining -= 1;
      response.end(JSON.stringify(repo.weeks));
    } else if (url.pathname === `${base}/issues`) {
      limit.remaining -= 1;
      response.end(JSON.stringify(repo.issues));
    } else {
      response.writeHead(404).end('{"message":"Not Found"}');
    }
  });
  await new Promise((ready) => server.listen(0, "127.0.0.1", ready));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, close: () => server.close() };
}
