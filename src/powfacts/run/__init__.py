"""Running: one document's work, batches over many, the engines that run them (local processes, Dask), and atomic, journaled writers."""
