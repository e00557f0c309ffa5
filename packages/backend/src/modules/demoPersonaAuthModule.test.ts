import { demoPersonaAuthenticator } from './demoPersonaAuthModule';

function requestWith(persona?: string) {
  return {
    header: (name: string) =>
      name.toLowerCase() === 'x-ospo-demo-persona' ? persona : undefined,
  } as any;
}

describe('demoPersonaAuthenticator', () => {
  const ctx = demoPersonaAuthenticator.initialize({ config: {} as any });

  it('reads the persona from the request header', async () => {
    await expect(
      demoPersonaAuthenticator.authenticate({ req: requestWith('lee') }, ctx),
    ).resolves.toEqual({ result: { userName: 'lee' } });
  });

  it.each([undefined, '', 'user:default/lee', '../etc', 'Lee Tanaka'])(
    'rejects %p',
    async persona => {
      await expect(
        demoPersonaAuthenticator.authenticate(
          { req: requestWith(persona) },
          ctx,
        ),
      ).rejects.toThrow(/demo persona/);
    },
  );
});
