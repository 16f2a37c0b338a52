// BigQuery peers for the WebDriver suite: a Google OAuth token endpoint on 127.0.0.1 (it does
// not check signatures: the engine's own tests do), a real RSA service-account key made with
// openssl, and a day table seeded into the bqemulator emulator that scripts/test.sh started
// (OCTOSCOPE_BQ_EMULATOR).
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";

export const REPO = { id: 515151, name: "octo/gadget" };

export async function startGoogleOauth() {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify({ access_token: "ya29.e2e-access", expires_in: 3599, token_type: "Bearer" }));
    });
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const tokenUri = `http://127.0.0.1:${server.address().port}/token`;
  const privateKey = execFileSync("openssl", ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  const key = JSON.stringify({
    type: "service_account",
    project_id: "octo-e2e",
    private_key_id: "e2e",
    private_key: privateKey,
    client_email: "loader@octo-e2e.iam.gserviceaccount.com",
    token_uri: tokenUri,
  });
  return { key, privateKey, close: () => server.close() };
}

function emulator() {
  const url = process.env.OCTOSCOPE_BQ_EMULATOR;
  if (!url) throw new Error("OCTOSCOPE_BQ_EMULATOR is not set: scripts/test.sh starts the BigQuery emulator");
  return `${url.replace(/\/$/, "")}/bigquery/v2`;
}

async function post(url, body) {
  const answer = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await answer.text();
  if (!answer.ok && answer.status !== 409) throw new Error(`POST ${url}: ${answer.status} ${text}`);
  const json = JSON.parse(text || "{}");
  if (json.insertErrors?.length) throw new Error(`POST ${url}: ${text}`);
}

const leaf = (names) => names.map((name) => ({ name, type: name === "id" ? "INTEGER" : "STRING", mode: "NULLABLE" }));

/** Seeds `project`'s day table 2024-03-04 with `events` events of REPO; returns the API URL. */
export async function seedDay(project, events) {
  const api = emulator();
  for (const dataset of ["day", "month", "year"]) {
    await post(`${api}/projects/${project}/datasets`, { datasetReference: { projectId: project, datasetId: dataset } });
  }
  const schema = {
    fields: [
      { name: "type", type: "STRING", mode: "NULLABLE" },
      { name: "public", type: "BOOLEAN", mode: "NULLABLE" },
      { name: "payload", type: "STRING", mode: "NULLABLE" },
      { name: "repo", type: "RECORD", mode: "NULLABLE", fields: leaf(["id", "name", "url"]) },
      { name: "actor", type: "RECORD", mode: "NULLABLE", fields: leaf(["id", "login", "gravatar_id", "avatar_url", "url"]) },
      { name: "org", type: "RECORD", mode: "NULLABLE", fields: leaf(["id", "login", "gravatar_id", "avatar_url", "url"]) },
      { name: "created_at", type: "TIMESTAMP", mode: "NULLABLE" },
      { name: "id", type: "STRING", mode: "NULLABLE" },
      { name: "other", type: "STRING", mode: "NULLABLE" },
    ],
  };
  const table = { projectId: project, datasetId: "day", tableId: "20240304" };
  await post(`${api}/projects/${project}/datasets/day/tables`, { tableReference: table, schema });
  const rows = Array.from({ length: events }, (_, i) => ({
    json: {
      type: i % 3 ? "PushEvent" : "WatchEvent",
      public: true,
      payload: JSON.stringify(i % 3 ? { push_id: 1000 + i, size: 1, ref: "refs/heads/main" } : { action: "started" }),
      repo: { id: REPO.id, name: REPO.name, url: `https://api.github.com/repos/${REPO.name}` },
      actor: { id: 8000 + (i % 5), login: `builder${i % 5}`, url: "" },
      org: null,
      created_at: `2024-03-04T${String(i % 24).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}:00Z`,
      id: String(40_000_000_000 + i),
    },
  }));
  await post(`${api}/projects/${project}/datasets/day/tables/20240304/insertAll`, { rows });
  return api;
}
