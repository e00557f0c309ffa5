import { HttpAuthService } from '@backstage/backend-plugin-api';
import { OspoApiRouter } from '../schema/openapi';
import { ConsultationService } from './ConsultationService';

/**
 * What the office and consultation routes need.
 *
 * @internal
 */
export interface ConsultationRoutesOptions {
  httpAuth: HttpAuthService;
  consultations: ConsultationService;
}

/**
 * The office and consultation routes of the REST API
 * (`src/schema/openapi.yaml`); the router has validated each request.
 *
 * @internal
 */
export function addConsultationRoutes(
  router: OspoApiRouter,
  options: ConsultationRoutesOptions,
): void {
  const { httpAuth, consultations } = options;
  const user = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const anyone = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/office', async (req, res) => {
    await anyone(req);
    res.json(consultations.getOffice());
  });

  router.get('/office/staff', async (req, res) => {
    const credentials = await anyone(req);
    res.json(await consultations.listStaff(credentials));
  });

  router.post(
    '/entities/:kind/:namespace/:name/consultations',
    async (req, res) => {
      const credentials = await user(req);
      const consultation = await consultations.create(req.params, req.body, {
        credentials,
        request: req,
      });
      res.status(201).json(consultation);
    },
  );

  router.get('/consultations', async (req, res) => {
    const credentials = await anyone(req);
    res.json(await consultations.list(req.query, credentials));
  });

  router.get('/consultations/:id', async (req, res) => {
    const credentials = await anyone(req);
    res.json(await consultations.get(req.params.id, credentials));
  });

  router.post('/consultations/bulk', async (req, res) => {
    const credentials = await user(req);
    res.json(await consultations.bulk(req.body, { credentials, request: req }));
  });

  router.post('/consultations/:id/transitions', async (req, res) => {
    const credentials = await user(req);
    res.json(
      await consultations.transition(req.params.id, req.body, {
        credentials,
        request: req,
      }),
    );
  });

  router.put('/consultations/:id/assignee', async (req, res) => {
    const credentials = await user(req);
    res.json(
      await consultations.assign(
        req.params.id,
        req.body.assigneeRef ?? undefined,
        { credentials, request: req },
      ),
    );
  });

  router.post('/consultations/:id/comments', async (req, res) => {
    const credentials = await user(req);
    const event = await consultations.comment(req.params.id, req.body.body, {
      credentials,
      request: req,
    });
    res.status(201).json(event);
  });

  router.post('/consultations/:id/rating', async (req, res) => {
    const credentials = await user(req);
    const rating = await consultations.rate(req.params.id, req.body, {
      credentials,
      request: req,
    });
    res.status(201).json(rating);
  });
}
