module docchat/gobasics

go 1.19
