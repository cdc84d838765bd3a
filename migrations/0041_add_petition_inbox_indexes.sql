-- The province inbox filters by status or category and counts what it shows: with only (province_code,
-- received_at) each filtered page fetched every case of the province from the heap (~40,000 rows for Hà Nội at
-- national scale). These serve the first page in order and count from the index alone.
CREATE INDEX petition_province_status_idx ON petition (province_code, status, received_at DESC);
CREATE INDEX petition_province_category_idx ON petition (province_code, category, received_at DESC);
