from redwood.cli import main

main()
