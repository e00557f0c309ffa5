import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import { compatWrapper } from '@backstage/core-compat-api';
import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * A System's "Diagram" tab: every part of the system and how they depend on
 * and call each other. The catalog-graph plugin only brings an entity card.
 */
export const systemDiagramEntityContent = EntityContentBlueprint.make({
  name: 'system-diagram',
  params: {
    path: '/diagram',
    title: 'Diagram',
    filter: { kind: 'system' },
    loader: () =>
      import('@backstage/plugin-catalog-graph').then(
        ({ Direction, EntityCatalogGraphCard }) =>
          compatWrapper(
            <EntityCatalogGraphCard
              direction={Direction.TOP_BOTTOM}
              title="System Diagram"
              height={700}
              relations={[
                RELATION_PART_OF,
                RELATION_HAS_PART,
                RELATION_API_CONSUMED_BY,
                RELATION_API_PROVIDED_BY,
                RELATION_CONSUMES_API,
                RELATION_PROVIDES_API,
                RELATION_DEPENDENCY_OF,
                RELATION_DEPENDS_ON,
              ]}
              unidirectional={false}
            />,
          ),
      ),
  },
});

/** The System diagram tab, part of the catalog-graph plugin. */
export const systemDiagramModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [systemDiagramEntityContent],
});
