// Starts Bluesky's own servers for Rapport's tests (@atproto/dev-env's TestNetwork: a PLC directory, a PDS on
// SQLite and the AppView on the PostgreSQL named by DB_POSTGRES_URL, in schemas named after DB_POSTGRES_SCHEMA).
// Prints one line of JSON: the PDS and AppView URLs and test accounts with their passwords. Then reads commands,
// one per line, from stdin:
//   process   waits until the AppView has read and indexed everything the PDS has written, then prints "processed"
// It stops the network and exits when stdin closes, so a test run that dies takes it along.
import { createInterface } from 'node:readline'
import { TestNetwork } from '@atproto/dev-env'

process.env.REDIS_HOST ??= 'unused:6379' // TestNetwork asserts it is set; nothing here connects to it
const schema = process.env.DB_POSTGRES_SCHEMA || 'rapport'
const started = Date.now()
const stage = (what) => console.error(`[bluesky-network] ${what} after ${Date.now() - started} ms`)

const network = await TestNetwork.create({
  dbPostgresUrl: process.env.DB_POSTGRES_URL,
  dbPostgresSchema: schema,
})
stage('servers up')
// The AppView subscribed to the PDS's firehose before the PDS listened; subscribe again now that it does.
await network.bsky.sub.restart()
stage('firehose subscribed again')

const accounts = {}
for (const name of (process.env.BLUESKY_ACCOUNTS || 'verein,alice,bob').split(',')) {
  const handle = `${name}.test`
  const password = `${name}-pass`
  const agent = network.pds.getAgent()
  await agent.createAccount({ handle, email: `${name}@example.org`, password })
  await agent.app.bsky.actor.profile.create({ repo: agent.session.did }, { displayName: name[0].toUpperCase() + name.slice(1) })
  const app = await agent.com.atproto.server.createAppPassword({ name: 'rapport' })
  accounts[name] = { handle, did: agent.session.did, password, appPassword: app.data.password }
}
await network.processAll()
stage('accounts made')

console.log(JSON.stringify({
  pds: network.pds.url,
  appview: network.bsky.url,
  plc: network.plc.url,
  accounts,
  startedInMs: Date.now() - started,
}))

let closing = false
async function close() {
  if (closing) return
  closing = true
  process.on('uncaughtException', () => process.exit(0)) // connections cut while closing
  setTimeout(() => process.exit(0), 10000).unref()
  try {
    await network.close()
  } finally {
    process.exit(0)
  }
}

const lines = createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  if (line.trim() === 'process') {
    try {
      // until the AppView's firehose cursor has reached the PDS's newest event, then its indexing queue is empty
      await network.pds.processAll()
      await network.processFullSubscription(10000)
      await network.processAll()
      console.log('processed')
    } catch (e) {
      console.log('failed ' + (e?.message ?? e))
    }
  }
})
lines.on('close', close)
process.on('SIGTERM', close)
