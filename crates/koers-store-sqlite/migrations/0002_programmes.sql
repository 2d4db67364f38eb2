-- The five programmes Koers starts with (edited later in the app). Same text in both backends.
INSERT INTO programmes (id, name) VALUES
    ('gwgb-plus-school', 'GWGB+ school (PO regulier)'),
    ('gwgb-plus-gespecialiseerd', 'GWGB+ gespecialiseerd (sbo/so/vso)'),
    ('gwgb-plus-bestuur', 'GWGB+ bestuur'),
    ('leren-verbeteren-npo', 'Leren Verbeteren NPO'),
    ('leren-verbeteren-procesbegeleiding', 'Leren Verbeteren procesbegeleiding');
