// Writes a fixed, deterministic corpus of Markdown notes for joplin-compare.sh:
// product-discovery notes in platform-team language, with front matter (date, type,
// people, tags), nested folders and some [[wikilinks]] to earlier notes.
//
//   node joplin-corpus.mjs OUT_DIR [NOTES=10000] [AVG_BYTES=8000] [SEED=42]
//
// Same arguments, same bytes. Every note carries one word no other note has,
// `uniq<its number in letters a-y>z`, so a search can prove that note is indexed;
// the closing z keeps any one from being the prefix of another.
// Prints a JSON summary (notes, bytes, the last note's unique word) to stdout.
import fs from 'node:fs';
import path from 'node:path';

const [out, notesArg, avgArg, seedArg] = process.argv.slice(2);
if (!out) {
  console.error('usage: node joplin-corpus.mjs OUT_DIR [NOTES] [AVG_BYTES] [SEED]');
  process.exit(2);
}
const NOTES = Number(notesArg ?? 10000);
const AVG = Number(avgArg ?? 7700);
let seed = Number(seedArg ?? 42) >>> 0;

// mulberry32: small, seeded, the same everywhere.
function rand() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

export function uniqueWord(i) {
  let s = '';
  let n = i;
  do {
    s = String.fromCharCode(97 + (n % 25)) + s;
    n = Math.floor(n / 25);
  } while (n > 0);
  return `uniq${s}z`;
}

const AREAS = ['Developer experience', 'Runtime platform', 'Data platform', 'Delivery', 'Reliability'];
const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const SUB = ['Interviews', 'Follow-ups', 'Workshops'];
const TYPES = ['coffee_chat', 'stakeholder_feedback', 'discussion_group', 'sla_conversation', 'team_brainstorm', 'user_survey'];
const FIRST = ['Priya', 'Sam', 'Alex', 'Jordan', 'Mei', 'Tomás', 'Aisha', 'Lars', 'Noor', 'Kenji', 'Fatima', 'Diego', 'Olu', 'Ravi', 'Hana', 'Ines', 'Marek', 'Zoe', 'Chen', 'Amara'];
const LAST = ['Shah', 'Lee', 'Kim', 'Novak', 'Okafor', 'Garcia', 'Berg', 'Haddad', 'Tanaka', 'Costa', 'Meyer', 'Singh', 'Walsh', 'Dubois', 'Ito', 'Moreau'];
const TEAMS = ['payments', 'checkout', 'search', 'identity', 'mobile', 'ledger', 'growth', 'risk', 'catalog', 'messaging'];
const TAGS = ['ci', 'deploy', 'kubernetes', 'observability', 'secrets', 'cost', 'on-call', 'golden-path', 'flaky-tests', 'migrations', 'feature-flags', 'incidents', 'onboarding', 'docs', 'quotas'];
const TOPICS = ['build caches', 'deploy pipeline', 'golden path templates', 'Kubernetes upgrades', 'secrets rotation', 'cloud costs', 'flaky tests', 'on-call load', 'database migrations', 'feature flags', 'observability stack', 'service catalog', 'preview environments', 'incident reviews', 'quota requests'];
const SUBJ = ['The deploy pipeline', 'Our CI runners', 'The golden path template', 'The service catalog', 'Terraform module drift', 'The Kubernetes upgrade', 'Secrets rotation', 'The observability stack', 'Preview environments', 'The on-call rotation', 'Database migrations', 'Feature flag cleanup', 'The artifact registry', 'Canary analysis', 'The internal developer portal', 'Cost dashboards'];
const VERB = ['blocks', 'slows down', 'confuses', 'frustrates', 'surprises', 'helps', 'costs', 'wakes up', 'delays', 'breaks for'];
const OBJ = ['the payments team', 'new joiners', 'every squad that ships on Fridays', 'the mobile engineers', 'the SRE rotation', 'teams with monorepos', 'folks who own legacy services', 'the data engineers', 'the checkout squad', 'anyone touching the ledger'];
const TAIL = [
  'because the flaky tests rerun three times before anyone looks.',
  'since the rollback button needs a platform engineer to approve it.',
  'when the quota request sits in a queue for two days.',
  'and nobody knows which dashboard is the source of truth.',
  'so people copy the golden path and then drift from it.',
  'because the certificate renewal still happens by hand.',
  'whenever the staging cluster is shared with load tests.',
  'while the migration guide is three versions behind.',
  'and the pager fires for alerts that nobody can act on.',
  'because secrets rot in environment variables for months.',
  'once the build cache misses after every dependency bump.',
  'since the Helm charts differ between regions.',
  'and the wait for a review of infrastructure changes is long.',
  'which makes the cost of an idle preview environment invisible.',
];
const QUOTES = [
  '"Honestly, I would rather wait than fight the pipeline again."',
  '"We just want one command that gets a service to production safely."',
  '"The docs say one thing and the template does another."',
  '"Every upgrade feels like a small migration project."',
  '"If the alert cannot tell me what to do, it should not page me."',
  '"I do not need more dashboards, I need fewer surprises."',
  '"Our team spends Fridays babysitting deploys."',
];
const ASKS = ['self-service quota increases', 'a rollback that any owner can press', 'fewer pages at night', 'faster CI feedback on pull requests', 'one place to see service ownership', 'automatic certificate renewal', 'cheaper preview environments', 'a supported upgrade path for Kubernetes', 'secrets that rotate themselves', 'templates that stay up to date'];

// Words by how often they come: a tool in a few percent of the notes, a service
// name in a handful, the sentences above in nearly all.
const TOOLS = ['argocd', 'backstage', 'grafana', 'terraform', 'vault', 'jenkins', 'buildkite', 'spinnaker', 'prometheus', 'loki', 'tempo', 'datadog', 'pagerduty', 'opsgenie', 'sentry', 'bazel', 'gradle', 'renovate', 'dependabot', 'crossplane', 'pulumi', 'istio', 'linkerd', 'envoy', 'karpenter', 'keda', 'flux', 'helmfile', 'kustomize', 'opentelemetry', 'jaeger', 'kafka', 'flyway', 'liquibase', 'launchdarkly', 'unleash', 'artifactory', 'harbor', 'snyk', 'trivy'];
const SYL = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'zu', 'pel', 'dor', 'fin', 'gar', 'hul', 'jis', 'nek', 'qua', 'sab', 'tor', 'wim', 'yev', 'bri'];
const SERVICES = [];
for (let a = 0; a < SYL.length; a++) for (let b = 0; b < SYL.length; b++) for (const c of ['svc', 'api', 'worker']) SERVICES.push(`${SYL[a]}${SYL[b]}${c}`);
function mention() {
  const tool = pick(TOOLS);
  const svc = pick(SERVICES);
  return pick([
    `We tried ${tool} last quarter for ${svc}, and the rollout stalled on permissions.`,
    `The ${svc} owners want ${tool} wired into the golden path.`,
    `Moving ${svc} off ${pick(TOOLS)} onto ${tool} took two sprints.`,
  ]);
}

function sentence() {
  return `${pick(SUBJ)} ${pick(VERB)} ${pick(OBJ)} ${pick(TAIL)}`;
}
function paragraph() {
  const n = int(3, 6);
  const s = [];
  for (let k = 0; k < n; k++) {
    const r = rand();
    s.push(r < 0.12 ? `${pick(FIRST)} said: ${pick(QUOTES)}` : r < 0.14 ? mention() : sentence());
  }
  return s.join(' ');
}

fs.mkdirSync(out, { recursive: true });
const titles = [];
let bytes = 0;
for (let i = 0; i < NOTES; i++) {
  const area = pick(AREAS);
  const quarter = QUARTERS[Math.floor((i * QUARTERS.length) / NOTES)];
  const dir = path.join(out, area, quarter, pick(SUB));
  const type = pick(TYPES);
  const who = [];
  for (let k = int(1, 3); k > 0; k--) who.push(`${pick(FIRST)} ${pick(LAST)}`);
  const tags = [...new Set([pick(TAGS), pick(TAGS), pick(TAGS)].slice(0, int(1, 3)))];
  const team = pick(TEAMS);
  const topic = pick(TOPICS);
  const title = `${String(i + 1).padStart(5, '0')} ${who[0]} (${team}) on ${topic}`;
  const month = 1 + Math.floor((i * 12) / NOTES);
  const date = `2026-${String(month).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
  const target = Math.max(600, Math.round(AVG * (0.5 + rand())));
  let body = `---\ntitle: "${title}"\ndate: ${date}\ntype: ${type}\npeople: [${who.map((p) => `"${p}"`).join(', ')}]\ntags: [${tags.join(', ')}]\nteam: ${team}\n---\n\n`;
  body += `# ${title}\n\nTalked with ${who.join(', ')} from the ${team} team about ${topic}. Reference code ${uniqueWord(i)}.\n\n## What we heard\n\n`;
  let section = 0;
  while (body.length < target) {
    body += paragraph() + '\n\n';
    if (rand() < 0.25) {
      body += `- ${pick(ASKS)}\n- ${pick(ASKS)}\n- ${pick(ASKS)}\n\n`;
    }
    if (rand() < 0.15 && titles.length > 0) {
      body += `See also [[${titles[Math.floor(rand() * titles.length)]}]] on a similar pain.\n\n`;
    }
    if (rand() < 0.2 && section < 3) {
      section++;
      body += `## ${['Context', 'Pains', 'Follow-ups'][section - 1]}\n\n`;
    }
  }
  body += `## Follow-ups\n\n- [ ] Share notes with ${pick(FIRST)}\n- [ ] Check #${pick(TAGS)} backlog\n`;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${title.replace(/[\/\\:*?"<>|]/g, '-')}.md`);
  fs.writeFileSync(file, body);
  bytes += Buffer.byteLength(body);
  titles.push(title);
}
process.stdout.write(JSON.stringify({ notes: NOTES, bytes, lastUnique: uniqueWord(NOTES - 1), firstUnique: uniqueWord(0) }) + '\n');
