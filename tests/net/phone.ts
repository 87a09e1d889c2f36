// A phone on the audience page, run inside a network namespace by the proxy tests
// (`ip netns exec <ns> tsx tests/net/phone.ts <json>`): it loads the page, then asks over the
// audience socket, each ask from its own device and optionally with a forged X-Forwarded-For.
// TLS is checked against NODE_EXTRA_CA_CERTS (the proxy's own CA); it prints one JSON line.
import { io } from 'socket.io-client';

interface Ask {
  device: string;
  text: string;
  forwardedFor?: string;
}

interface Plan {
  origin: string;
  asks: Ask[];
}

async function ask(origin: string, step: Ask): Promise<unknown> {
  const socket = io(new URL('/audience', origin).toString(), {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { device: step.device },
    extraHeaders: step.forwardedFor ? { 'x-forwarded-for': step.forwardedFor } : {},
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return await socket
      .timeout(5000)
      .emitWithAck('audience:ask', { name: 'Phone', text: step.text });
  } catch (error) {
    return { ok: false, failed: error instanceof Error ? error.message : String(error) };
  } finally {
    socket.close();
  }
}

async function main(): Promise<void> {
  const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;
  const page = await fetch(new URL('/audience', plan.origin));
  const html = await page.text();
  const answers: unknown[] = [];
  for (const step of plan.asks) answers.push(await ask(plan.origin, step));
  process.stdout.write(
    `${JSON.stringify({ page: { status: page.status, html: html.includes('<div id="root">') }, answers })}\n`,
  );
}

main().catch((error: unknown) => {
  process.stdout.write(
    `${JSON.stringify({ error: error instanceof Error ? `${error.message} ${String(error.cause)}` : String(error) })}\n`,
  );
  process.exitCode = 1;
});
