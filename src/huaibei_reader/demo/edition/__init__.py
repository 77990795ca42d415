"""The source of the sample edition: article texts as data, page templates, and the builder.

`python -m huaibei_reader.demo.edition.build` writes `resources/sample-edition/` from here;
`--check` verifies the committed files still match (a test runs it).
"""
