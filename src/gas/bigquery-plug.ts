/**
 * What the BigQuery deployment (dist-bigquery/) adds to the bundle: the
 * warehouse run (src/server/warehouse-run.ts, with the SQL compiler) and the
 * host's BigQuery (bigquery.ts). scripts/build.mjs bundles this file after
 * main.ts for dist-bigquery/ only, so that dist/Code.js, which every
 * custom-function call loads, carries neither. It defines no name Apps
 * Script calls: the deployment's entry points are main.ts's.
 */
import { plugWarehouseRun } from '../server/run';
import { warehouseRun } from '../server/warehouse-run';
import { bigQueryWarehouse } from './bigquery';
import { plugGasWarehouse } from './gas-run-host';

plugWarehouseRun(warehouseRun);
plugGasWarehouse((project) => bigQueryWarehouse(project));
