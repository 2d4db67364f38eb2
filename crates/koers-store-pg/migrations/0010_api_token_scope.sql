-- API tokens get a scope: 'read' (GET/HEAD and the read-only computations of the API) or
-- 'read-write'. Tokens made before scopes existed become read-only: the API had no writing
-- endpoint then, so no client loses anything it used.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'read' CHECK (scope IN ('read', 'read-write'));
