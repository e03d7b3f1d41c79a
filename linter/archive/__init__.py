"""`copydesk archive`: lint an archive of articles on a Dask cluster, writing the results to Parquet.

`sources` splits SOURCE into partitions of articles, `worker` lints a partition on a Dask worker with the engine
of `copydesk check`, `tables` writes each partition's results atomically with a manifest, `runner` drives the
cluster from the client. Needs the `archive` extra: `pip install 'copydesk[archive]'`.
"""
