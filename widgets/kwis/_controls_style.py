"""The quiz's look: one stylesheet per quiz, every rule scoped to `.kwis-quiz`."""

STYLESHEET = """<style>
.kwis-quiz > .kwis-style, .kwis-quiz > .kwis-keys { display: none; }
</style>"""
