// A child process's output read line by line: festival's markers, the bundled
// voice's replies. A line split across chunks is joined before it is handed on.
export function onLines(stream: NodeJS.ReadableStream, each: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) each(line);
  });
}
