// The load generator for the audience benchmark, in its own process: N phones on /audience
// (ten per loopback address, 127.0.0.x), votes at a steady rate for a while; prints one JSON
// line with what it sent, what was counted or refused, what the phones received and its own CPU
// time.
import http from 'node:http';
import { io, type Socket } from 'socket.io-client';

const [url = '', phonesArg = '1000', rateArg = '300', secondsArg = '30', idsArg = ''] =
  process.argv.slice(2);
const phones = Number(phonesArg);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
const questions = idsArg.split(',');

let received = 0;
const sockets: Socket[] = [];
const cpuStart = process.cpuUsage();

async function connect(i: number): Promise<Socket> {
  const agent = new http.Agent({ localAddress: `127.0.0.${2 + Math.floor(i / 10)}` });
  const socket = io(new URL('/audience', url).toString(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    agent: agent as unknown as string,
    // What a phone from before signed identities would send; the core issues its own now.
    auth: { device: `bench-phone-${i}-${'x'.repeat(8)}` },
  });
  socket.onAny(() => (received += 1));
  await new Promise<void>((resolve, reject) => {
    socket.once('audience:state', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

for (let i = 0; i < phones; i += 50) {
  const batch = await Promise.all(
    Array.from({ length: Math.min(50, phones - i) }, (_, k) => connect(i + k)),
  );
  sockets.push(...batch);
}
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);

const receivedAtStart = received;
let sent = 0;
let ok = 0;
/** Refused votes, by the code they were refused with ("audience.retry": please try again). */
const refused: Record<string, number> = {};
const started = Date.now();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    for (; sent < due; sent += 1) {
      const socket = sockets[sent % sockets.length];
      const id = questions[Math.floor(sent / sockets.length) % questions.length];
      socket?.emit(
        'audience:vote',
        { id },
        (answer: { ok: boolean; message?: { code?: string } }) => {
          if (answer.ok) ok += 1;
          else {
            const code = answer.message?.code ?? 'none';
            refused[code] = (refused[code] ?? 0) + 1;
          }
        },
      );
    }
    if (Date.now() - started >= seconds * 1000) {
      clearInterval(timer);
      resolve();
    }
  }, 10);
});
await new Promise((resolve) => setTimeout(resolve, 500));
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({
    sent,
    ok,
    refused,
    received: received - receivedAtStart,
    seconds: (Date.now() - started) / 1000,
    cpuMs: (cpu.user + cpu.system) / 1000,
  })}\n`,
);
for (const socket of sockets) socket.close();
process.exit(0);
